export type Git = typeof import('isomorphic-git');

let gitModule: Promise<Git> | undefined;

/**
 * isomorphic-git, loaded on the first git operation, so a cold start that needs no git skips it.
 * Its Node build is CommonJS: in an ES-module bundle (lambdaEsbuildOptions) `import()` yields its
 * exports as `default`, under tsx/jest as named exports; either way the functions come back.
 */
export function loadGit(): Promise<Git> {
  gitModule ??= import('isomorphic-git').then((m) => ('resolveRef' in m ? m : (m as unknown as { default: Git }).default));
  return gitModule;
}
