import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An attribute value of OTLP/JSON (`{ stringValue }`, `{ intValue }`, …). */
type OtlpValue = Record<string, unknown>;
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
export interface FileSpan {
  name: string;
  attributes: OtlpKeyValue[];
  status?: { code?: number; message?: string };
  events?: { name: string; attributes?: OtlpKeyValue[] }[];
}
export interface FileLogRecord {
  eventName?: string;
  severityText?: string;
  body?: OtlpValue;
  attributes: OtlpKeyValue[];
}

export interface TelemetryFile {
  /** The files read: the current one and rotated ones (`<path>.1` …), oldest first. */
  paths: string[];
  /** Permission bits of the current file and of its directory. */
  mode: number;
  directoryMode: number;
  spans: FileSpan[];
  logs: FileLogRecord[];
  /** Every byte of every file, for leak scans. */
  text: string;
}

/** Reads the JSON Lines file of the SDK's file destination (one OTLP/JSON export request per line). */
export async function readTelemetryFile(path: string): Promise<TelemetryFile> {
  const rotated: string[] = [];
  for (let i = 1; existsSync(`${path}.${i}`); i++) rotated.unshift(`${path}.${i}`);
  const paths = [...rotated, path];
  const text = (await Promise.all(paths.map((p) => readFile(p, 'utf8')))).join('');
  const spans: FileSpan[] = [];
  const logs: FileLogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const request = JSON.parse(line);
    for (const rs of request.resourceSpans ?? [])
      for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
    for (const rl of request.resourceLogs ?? [])
      for (const sl of rl.scopeLogs ?? []) logs.push(...(sl.logRecords ?? []));
  }
  return {
    paths,
    mode: (await stat(path)).mode & 0o777,
    directoryMode: (await stat(dirname(path))).mode & 0o777,
    spans,
    logs,
    text,
  };
}

/** The plain value of an OTLP/JSON attribute value. */
export function plainValue(value: OtlpValue | undefined): unknown {
  if (!value) return undefined;
  const [first] = Object.values(value);
  return first;
}

export function attribute(attributes: OtlpKeyValue[], key: string): unknown {
  return plainValue(attributes.find((a) => a.key === key)?.value);
}
