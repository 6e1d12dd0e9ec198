import * as fs from 'node:fs';
import * as path from 'node:path';
import { isViewPath, VIEW_ROUTES } from '../../../../functions/write/views/routes';

describe('the view routes', () => {
  it('are exactly the /{user}/{wiki}/-/ paths, never the API\'s or /auth', () => {
    expect(isViewPath(['alice', 'notes', '-', 'history', 'Home'])).toBe(true);
    expect(isViewPath(['alice', 'notes', '-'])).toBe(true);
    expect(isViewPath(['api', 'wikis', '-', 'x'])).toBe(false);
    expect(isViewPath(['auth', 'login', '-'])).toBe(false);
    expect(isViewPath(['alice', 'notes', 'Home'])).toBe(false);
    expect(isViewPath(['alice', 'notes'])).toBe(false);
    for (const route of VIEW_ROUTES) expect(route.path.startsWith('/{user}/{wiki}/-/')).toBe(true);
  });

  it('are all documented in docs/views.md, with their method', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../../docs/views.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
    for (const route of VIEW_ROUTES) {
      const suffix = route.path.slice('/{user}/{wiki}/-/'.length).replace('{page+}', '{page}');
      const documented = rows.some((line) =>
        (line.includes(`\`${suffix}\``) || line.includes(`\`${suffix}[`) || line.includes(`\`${suffix}?`)) && (line.split(" | ")[1] ?? "").split(", ").includes(route.method));
      expect([route.method, suffix, documented]).toEqual([route.method, suffix, true]);
    }
  });

  it('each GET and POST pair shares its path, and no path has two handlers for one method', () => {
    const keys = VIEW_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of VIEW_ROUTES.filter((r) => r.method === 'POST')) {
      expect(['save', 'preview', 'draft', 'create', 'rename', 'delete', 'attachments', 'revert', 'settings', 'members']).toContain(route.path.split('/')[4]);
    }
  });
});
