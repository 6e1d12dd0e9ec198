/** Everything the invalidate function reads from its environment, parsed once at cold start. */
export interface InvalidateConfig {
  readonly distributionId: string;
  readonly bucket: string;
  /** Lambda puts the execution role's temporary credentials in the environment. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadInvalidateConfig(env: Env): InvalidateConfig {
  const distributionId = env.DISTRIBUTION_ID;
  const bucket = env.BUCKET;
  if (!distributionId || !bucket) throw new Error('The invalidate function needs the DISTRIBUTION_ID and BUCKET settings.');
  return {
    distributionId,
    bucket,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
    },
  };
}
