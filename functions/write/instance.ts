import { createWriteHandler, productionDeps, type WriteHandler } from './app';
import type { WriteConfig } from './config';
import type { WriteDeps } from './context';
import { loadIdp } from './idpKeySource';
import { loadSessionKeys } from './sessionKeySource';

/**
 * The write app of one Lambda instance, wired from the parsed config: the session keys and the
 * identity provider's key set (from SSM when deployed), the adapters and the router. The handler
 * reaches this file through `import()` on its first request, so a cold start evaluates only the
 * config parser; each chunk esbuild splits out costs a file read and a module compile, and the
 * wiring alone reaches some twenty of them.
 */
export async function buildWriteInstance(config: WriteConfig, log: WriteDeps['log']): Promise<WriteHandler> {
  const [sessionKeys, idp] = await Promise.all([loadSessionKeys(config), loadIdp(config)]);
  return createWriteHandler({
    deps: { ...productionDeps(config), log },
    sessionKeys, issuer: config.issuer, audience: config.audience, idp, limits: config.limits,
    idpLoginUrl: config.idpLoginUrl, originVerifySecret: config.originVerifySecret,
  });
}
