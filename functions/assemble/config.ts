/** Everything the assemble function reads from its environment, parsed once at cold start. */
export interface AssembleConfig {
  readonly region: string;
  readonly bucket: string;
  readonly s3Endpoint?: string;
}

export function loadAssembleConfig(env: Readonly<Record<string, string | undefined>>): AssembleConfig {
  const bucket = env.BUCKET;
  if (!bucket) throw new Error('The assemble function needs the BUCKET setting.');
  return { region: env.AWS_REGION ?? 'us-east-1', bucket, s3Endpoint: env.S3_ENDPOINT || undefined };
}
