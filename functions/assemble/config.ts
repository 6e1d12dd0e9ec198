/** Everything the assemble function reads from its environment, parsed once at cold start. */
export interface AssembleConfig {
  readonly region: string;
  readonly bucket: string;
  readonly s3Endpoint?: string;
  /** Lambda puts the execution role's temporary credentials in the environment. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadAssembleConfig(env: Env): AssembleConfig {
  const bucket = env.BUCKET;
  if (!bucket) throw new Error('The assemble function needs the BUCKET setting.');
  const s3Endpoint = env.S3_ENDPOINT || undefined;
  return {
    region: env.AWS_REGION ?? 'us-east-1',
    bucket,
    s3Endpoint,
    credentials: s3Endpoint
      ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
      : {
          accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
          sessionToken: env.AWS_SESSION_TOKEN || undefined,
        },
  };
}
