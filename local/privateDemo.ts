/** The private demo wiki `npm start` creates beside the public one: only its owner and members may read it. */
export const PRIVATE_DEMO = { user: 'demo', wiki: 'private', title: 'Private notes', visibility: 'private' } as const;

const HOME = `# Private notes

Only **demo** (the owner) and the wiki's members can read this page. Without a session the edge
sends you to \`/auth/login\`; sign in there (locally: any handle, no password) and you come back here.

Add a member with \`PUT /api/wikis/demo/private/members/{sub}\` and \`{"role": "reader"}\`.
`;

/** Creates the private demo wiki through the public API unless it exists. Returns whether it did. */
export async function seedPrivateDemo(baseUrl: string, token: string): Promise<boolean> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const exists = await fetch(`${baseUrl}/api/wikis/${PRIVATE_DEMO.user}/${PRIVATE_DEMO.wiki}`, { headers: auth });
  if (exists.status === 200) return false;
  const created = await fetch(`${baseUrl}/api/wikis`, { method: 'POST', headers: auth, body: JSON.stringify(PRIVATE_DEMO) });
  if (created.status !== 201) throw new Error(`Could not create the private demo wiki: ${created.status} ${await created.text()}`);
  const put = await fetch(`${baseUrl}/api/wikis/${PRIVATE_DEMO.user}/${PRIVATE_DEMO.wiki}/pages/Home`, {
    method: 'PUT', headers: auth, body: JSON.stringify({ content: HOME, message: 'Seeded Home.' }),
  });
  if (put.status >= 300) throw new Error(`Could not seed the private demo wiki: ${put.status} ${await put.text()}`);
  return true;
}
