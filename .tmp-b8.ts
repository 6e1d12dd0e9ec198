import { micromark } from 'micromark';
console.log(JSON.stringify(micromark('> - a\n>   - b\n>\n> - d\n')));
console.log(JSON.stringify(micromark('- a\n  - b\n\n- d\n')));
console.log(JSON.stringify(micromark('> - a\n>\n> - d\n')));
console.log(JSON.stringify(micromark('> - a\n>   b\n>\n> - d\n')));
console.log(JSON.stringify(micromark('* - a\n    - b\n\n  - d\n')));
