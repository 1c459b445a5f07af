export interface Finding {
  level: 'ok' | 'warn' | 'error';
  message: string;
  /** What to change, for warnings and errors. */
  fix?: string;
}

export const ok = (message: string): Finding => ({ level: 'ok', message });
export const warn = (message: string, fix: string): Finding => ({ level: 'warn', message, fix });
/** An error; without `fix` when the message itself says what to change. */
export const error = (message: string, fix?: string): Finding => ({ level: 'error', message, fix });
