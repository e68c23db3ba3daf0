import { html, type Html } from './html.js';
import { STYLES } from './styles.js';

/**
 * A self-contained HTML document around `body`: the report's stylesheet inline and a
 * content security policy that lets it load nothing and run no script. The campaign
 * report and the shrink and sweep pages share it.
 */
export function htmlDocument(title: string, body: Html, generator?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
${generator === undefined ? '' : `<meta name="generator" content="${generator}">\n`}<title>${html`${title}`.value}</title>
<style>${STYLES}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
}
