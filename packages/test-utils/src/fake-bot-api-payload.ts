import type { IncomingMessage } from 'node:http';

/**
 * Parses a Bot API request body the way Telegram does: JSON, url-encoded form or
 * multipart form (file uploads are recorded as `{ filename, size }`, not their bytes).
 */
export async function readPayload(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return {};
  if (contentType.includes('application/json')) return asRecord(JSON.parse(body.toString('utf8')));
  if (contentType.includes('multipart/form-data') || contentType.includes('urlencoded')) {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const payload: Record<string, unknown> = {};
    for (const [key, value] of form) {
      payload[key] =
        typeof value === 'string' ? parseField(value) : { filename: value.name, size: value.size };
    }
    return payload;
  }
  return { body: body.toString('utf8') };
}

// Telegraf serialises nested form fields (reply_markup, entities) as JSON strings.
function parseField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { body: value };
}
