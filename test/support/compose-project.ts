import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const checkDir = fileURLToPath(new URL('../stack/compose-check/', import.meta.url));
const checkBinary = fileURLToPath(
  new URL('../stack/compose-check/.build/compose-check', import.meta.url),
);
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A service of the project as compose-go resolves it (the fields the tests look at). */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  mem_limit?: number | string;
  network_mode?: string;
  profiles?: string[];
  entrypoint?: string[] | null;
  command?: string[] | null;
  environment?: Record<string, string | null>;
  healthcheck?: { test: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: { target: number; published: string; host_ip?: string; protocol?: string }[];
  networks?: Record<string, unknown>;
  volumes?: {
    type: 'bind' | 'volume' | 'tmpfs';
    source?: string;
    target: string;
    read_only?: boolean;
    volume?: { subpath?: string };
  }[];
  tmpfs?: string[];
  secrets?: { source: string; target?: string }[];
}

export interface ComposeProject {
  name: string;
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean; name?: string }>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file?: string; environment?: string }>;
}

/** Builds the compose-go checker (cached by Go's build cache). */
export async function buildComposeCheck(): Promise<void> {
  await run('go', ['build', '-o', checkBinary, '.'], { cwd: checkDir, timeout: 600_000 });
}

/**
 * Loads a compose file the way `docker compose config` does (compose-go: schema, interpolation,
 * references). Resolves with the project, or rejects with compose-go's error message.
 */
export async function loadComposeProject(
  file: string,
  options: { profiles?: string[]; env?: Record<string, string> } = {},
): Promise<ComposeProject> {
  try {
    const { stdout } = await run(checkBinary, [file, ...(options.profiles ?? [])], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as ComposeProject;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(stderr?.trim() || String(error));
  }
}
