/** What writer `proc` saves on its `i`-th save (writerProcess.ts), so the test can check the result. */
export const contentOf = (proc: number, i: number) => `# Proc ${proc}\n\nSave ${i} of process ${proc}.\n`;
