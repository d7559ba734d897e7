// Copies docs/schemas/*.json into generator/site/open_data.cpp (JsonSchemas()),
// so the binary publishes them under api/v1/schema/ from any site folder.
// Run after editing a schema:  node tests/browser/embed-schemas.mjs
// (open_data_test.cpp fails while the two differ).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(repo, 'docs', 'schemas');
const cpp = join(repo, 'generator', 'site', 'open_data.cpp');
const begin = '// BEGIN SCHEMAS: generated from docs/schemas/*.json by tests/browser/embed-schemas.mjs; do not edit.\n';
const end = '// END SCHEMAS\n';

const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
let body = 'const std::vector<JsonSchemaFile>& JsonSchemas() {\n  static const std::vector<JsonSchemaFile> kSchemas = {\n';
for (const name of names) {
  const text = readFileSync(join(dir, name), 'utf8');
  JSON.parse(text);  // a schema must be JSON
  if (text.includes(')mbjson"')) throw new Error(`${name}: contains the raw-string delimiter`);
  body += `      {"${name}", R"mbjson(${text})mbjson"},\n`;
}
body += '  };\n  return kSchemas;\n}\n';

const source = readFileSync(cpp, 'utf8');
const a = source.indexOf(begin), b = source.indexOf(end);
if (a < 0 || b < a) throw new Error(`${cpp}: schema markers not found`);
writeFileSync(cpp, source.slice(0, a + begin.length) + body + source.slice(b));
console.log(`embedded ${names.length} schemas into ${cpp}`);
