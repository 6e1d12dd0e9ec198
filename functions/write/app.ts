import * as fs from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bearerToken, verifySessionToken, type SessionKey } from '../../shared/auth/sessionToken';
import type { Identity } from '../../shared/auth/identity';
import { fromEventV2 } from '../../shared/http/request';
import { errorToJson, type HttpResponse } from '../../shared/http/response';
import { createDynamoClient } from '../../shared/adapters/dynamoClient';
import { createS3Client } from '../../shared/adapters/s3Client';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { gitRepoProvider } from '../../shared/adapters/gitWikiRepo';
import { s3BlobStore } from '../../shared/adapters/s3BlobStore';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { systemClock } from '../../shared/ports/clock';
import type { WriteConfig } from './config';
import { Publisher } from './publisher';
import { route } from './routes';
import { WikiService, type WriteDeps } from './wikiService';

export type WriteHandler = (event: APIGatewayProxyEventV2) => Promise<HttpResponse>;

export interface WriteAppOptions {
  readonly deps: WriteDeps;
  readonly sessionKeys: readonly SessionKey[];
  readonly issuer: string;
  readonly audience: string;
}

/** event → request → service → response; errors become HTTP here and nowhere else. */
export function createWriteHandler(options: WriteAppOptions): WriteHandler {
  const service = new WikiService(options.deps);
  return async (event) => {
    try {
      const request = fromEventV2(event);
      const identity = async (): Promise<Identity | undefined> => {
        const token = bearerToken(request.headers.authorization);
        if (!token) return undefined;
        return verifySessionToken(token, options.sessionKeys, options);
      };
      return await route(request, identity, service);
    } catch (error) {
      return errorToJson(error, options.deps.log);
    }
  };
}

/** Production wiring: AWS clients and the EFS directory from the parsed config. */
export function productionDeps(config: WriteConfig): WriteDeps {
  const s3 = createS3Client({ region: config.region, endpoint: config.s3Endpoint });
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  return {
    tenants: dynamoTenantStore(dynamo, config.tenantsTable),
    repos: gitRepoProvider({ fs, root: config.dataDir, clock: systemClock }),
    dbs: sqlWikiDbProvider({ fs, root: config.dataDir }),
    publisher: new Publisher(s3BlobStore(s3, config.bucket)),
    clock: systemClock,
    log: (entry) => console.log(JSON.stringify({ service: 'write', ...entry })),
  };
}
