'use strict';

// npm run gen:error-codes [-- <api-docs.json | http://service>]: regenerates lib/error-codes.js and the
// error-code unions of index.d.ts from the service's OpenAPI document. Without an argument it starts
// the service jar (../server/target/wxlogin-server.jar or WXLOGIN_SERVER_JAR) in sandbox mode and
// reads its /v3/api-docs.

const fs = require('node:fs');
const { generatedFiles } = require('./error-codes');
const { startService } = require('../test/support/service');

async function apiDocs(source) {
  if (source && /^https?:\/\//.test(source)) {
    return (await fetch(source.replace(/\/+$/, '') + '/v3/api-docs')).json();
  }
  if (source) {
    return JSON.parse(fs.readFileSync(source, 'utf8'));
  }
  const service = await startService();
  try {
    return await (await fetch(`${service.baseUrl}/v3/api-docs`)).json();
  } finally {
    await service.stop();
  }
}

apiDocs(process.argv[2]).then((doc) => {
  for (const [file, text] of Object.entries(generatedFiles(doc))) {
    const changed = fs.readFileSync(file, 'utf8') !== text;
    fs.writeFileSync(file, text);
    console.log(`${changed ? 'updated' : 'unchanged'}: ${file}`);
  }
}, (e) => {
  console.error(e);
  process.exit(1);
});
