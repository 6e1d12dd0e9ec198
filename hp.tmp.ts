import { benchHostilePages, hostileMarkdown } from './bench/hostilePages';
const r = benchHostilePages({ bytes: Number(process.argv[2] ?? 262144), runs: 1 });
console.log(hostileMarkdown(r));
