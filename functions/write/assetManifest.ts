import type { AssetManifest } from '../../shared/core/fragments/assets';

/**
 * The static-asset manifest the write function renders shells with: `STATIC_MANIFEST`, the JSON
 * the asset build writes (tools/buildAssets.ts). A deployment sets it as an environment variable
 * or inlines it at bundle time (esbuild `define`); the local platform passes it directly.
 * Without one, shells link no stylesheet (pages stay readable, unstyled).
 */
export function assetManifestFromEnv(env: Readonly<Record<string, string | undefined>>): AssetManifest {
  const raw = env.STATIC_MANIFEST;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as AssetManifest) : {};
  } catch {
    return {};
  }
}
