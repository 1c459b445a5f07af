export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  files?: string[];
  publishConfig?: Record<string, string>;
  engines: { node: string };
  [section: string]: unknown;
}

export const ROOT: string;
export const PUBLISHABLE: string[];
export const WORKSPACES: string[];
export function readManifest(dir: string): PackageManifest;
