import type { Clip, ProductionSettings } from './types.js';

/**
 * The name a version shows: its client version name where the production says clients see that one
 * (`clientVersionName: 'clientName'`) and the clip has one, else its internal name. One rule for the header,
 * the playlist and the composer.
 */
export function versionNameShown(
  clip: Pick<Clip, 'name' | 'clientName'>,
  settings: Pick<ProductionSettings, 'clientVersionName'> | null | undefined,
): string {
  return settings?.clientVersionName === 'clientName' && clip.clientName ? clip.clientName : clip.name;
}
