import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROUTES } from '../../functions/write/routes';
import { SETTINGS } from '../../shared/core/settings';
import { openApiPath } from '../../shared/http/router';

const ROOT = path.join(__dirname, '..', '..');
const spec = parse(fs.readFileSync(path.join(ROOT, 'docs/openapi.yaml'), 'utf8'), { uniqueKeys: true }) as {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  components: { schemas: { Settings: { properties: Record<string, unknown> } } };
};
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
  });

  it.each(ROUTES.map((r) => [r.method, r.path, r.operation]))('documents %s %s as %s', (method, routePath, operation) => {
    const item = spec.paths[openApiPath(routePath)];
    expect(item).toBeDefined();
    expect(item![method.toLowerCase()]?.operationId).toBe(operation);
    expect(Object.keys(item![method.toLowerCase()]?.responses ?? {}).length).toBeGreaterThan(0);
  });

  it('documents no operation the route table lacks', () => {
    const documented = Object.entries(spec.paths).flatMap(([p, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  it('has no dangling $ref and no empty values (a YAML slip such as an unquoted comma)', () => {
    const refs: string[] = [];
    const nulls: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (value === null) nulls.push(`${at}/${key}`);
        if (key === '$ref') refs.push(String(value));
        else walk(value, `${at}/${key}`);
      }
    };
    walk(spec, '');
    expect(nulls).toEqual([]);
    const resolve = (ref: string) => ref.slice(2).split('/').reduce<any>((node, part) => node?.[part], spec);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
  });

  it('lists every setting the API accepts', () => {
    expect(Object.keys(spec.components.schemas.Settings.properties).sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it('is mentioned, with every route, in docs/api.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    for (const route of ROUTES) expect(doc).toContain(`${route.method} ${openApiPath(route.path)}`);
  });
});
