import { createAssembleHandler } from './assemble';
import { loadAssembleConfig } from './config';
import { assembleDeps } from './deps';

const config = loadAssembleConfig(process.env);

export const handler = createAssembleHandler(
  assembleDeps(config, (entry) => console.log(JSON.stringify({ service: 'assemble', ...entry }))),
);
