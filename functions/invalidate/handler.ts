import type { Context, SQSEvent } from 'aws-lambda';
import { cloudFrontInvalidator } from '../../shared/adapters/cloudFrontInvalidator';
import { lambdaLogging } from '../../shared/log';
import { loadInvalidateConfig } from './config';
import { createInvalidateHandler } from './invalidate';

const config = loadInvalidateConfig(process.env);
const logging = lambdaLogging('invalidate', process.env);
const invalidate = createInvalidateHandler({
  cdn: cloudFrontInvalidator({ distributionId: config.distributionId, credentials: config.credentials }),
  bucket: config.bucket,
  log: logging.sink,
});

/** The invalidation queue's batches (resources/invalidate.yml); no VPC, so CloudFront's API is reachable. */
export const handler = (event: SQSEvent, context?: Context) => {
  logging.begin(context);
  return invalidate(event);
};
