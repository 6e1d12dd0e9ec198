import { renderPage } from './shared/core/render/renderPage';
const md = process.argv[2].replace(/\\n/g, '\n');
console.log(JSON.stringify(renderPage(md, { basePath: '/w/x' })));
