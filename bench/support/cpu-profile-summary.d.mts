export interface ProfileSummary {
  updates: number;
  micros: Map<string, number>;
}
export function summariseProfile(file: string): Promise<ProfileSummary>;
export function compareProfiles(bare: ProfileSummary, instrumented: ProfileSummary): string;
