/** Minimal readable styling for the shell; light and dark follow the system setting. */
export const SHELL_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--link:#0969da;--code:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--link:#4493f8;--code:#151b23}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--link)}.wb-header{display:flex;gap:1.5rem;align-items:center;padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
.wb-site{font-weight:600;font-size:1.1rem;color:var(--fg);text-decoration:none}.wb-links a{margin-right:1rem}
.wb-layout{display:grid;grid-template-columns:16rem minmax(0,1fr) 14rem;gap:2rem;max-width:90rem;margin:0 auto;padding:1.5rem 1.25rem}
.wb-sidebar ul{list-style:none;margin:0;padding-left:.9rem}.wb-sidebar>ul{padding-left:0}.wb-sidebar a{text-decoration:none;color:var(--muted)}
.wb-sidebar a[aria-current=page]{color:var(--fg);font-weight:600}.wb-toc{font-size:.9rem;color:var(--muted)}
.wb-toc ul{list-style:none;padding-left:.75rem}pre,code{background:var(--code);border-radius:6px}pre{padding:1rem;overflow:auto}code{padding:.1em .3em}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.3rem .6rem}img{max-width:100%}
@media (max-width:60rem){.wb-layout{grid-template-columns:1fr}.wb-toc{display:none}}
`.trim();
