'use strict';

// Compares the response interfaces of index.d.ts with the schemas of the service's OpenAPI
// document, by property names. Interfaces are read with the TypeScript compiler's own parser.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/**
 * Which schema each interface of index.d.ts describes, where the names differ. An entry lists the
 * candidate schema names in order; the first present in the document is compared. An interface
 * not listed is compared with a schema of its own name, if there is one.
 */
const SCHEMA_OF_INTERFACE = {
  User: ['UserView'],
  Me: ['MeView'],
  Phone: ['PhoneView'],
  TokenPair: ['TokenPair'],
  LoginResponse: ['LoginResponse'],
  LegacyLoginResponse: ['LegacyLoginResponse'],
  WxSessionResponse: ['SessionResponse'],
  ErrorBody: ['ApiErrorResponse', 'ErrorResponse', 'ApiErrorBody', 'ErrorBody'],
  LegacyErrorBody: ['LegacyErrorResponse', 'LegacyApiErrorResponse', 'LegacyErrorBody'],
  // Web sign-in by scanning (issue 11): the records of WebLoginService.
  WebLoginScan: ['ScanAnswer'],
  WebLoginConfirmation: ['ConfirmAnswer'],
  WebLoginClient: ['ClientInfo'],
  WebLoginScope: ['ScopeInfo'],
  WebLoginRequester: ['Requester']
};

/** Each exported interface's property names, with those of the interfaces of the file it extends. */
function exportedInterfaces(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declared = {};
  source.forEachChild((node) => {
    const exported = node.modifiers && node.modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isInterfaceDeclaration(node) && exported) {
      const parents = (node.heritageClauses || []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)));
      declared[node.name.text] = { parents, own: node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source)) };
    }
  });
  const propertiesOf = (name) => {
    const d = declared[name];
    return d ? [...new Set(d.parents.flatMap(propertiesOf).concat(d.own))] : [];
  };
  const found = {};
  for (const name of Object.keys(declared)) {
    found[name] = propertiesOf(name);
  }
  return found;
}

function checkTypingsAgainst(schemas, file = path.join(__dirname, '..', '..', 'index.d.ts')) {
  const interfaces = exportedInterfaces(file);
  const lines = [];
  const mismatches = [];
  const compared = [];
  for (const [name, props] of Object.entries(interfaces)) {
    const candidates = SCHEMA_OF_INTERFACE[name] || [name];
    const schemaName = candidates.find((c) => schemas[c]);
    if (!schemaName) {
      if (SCHEMA_OF_INTERFACE[name]) lines.push(`${name}: no schema named ${candidates.join(' / ')} in the document yet`);
      continue;
    }
    const schemaProps = Object.keys(schemas[schemaName].properties || {});
    const missing = schemaProps.filter((p) => !props.includes(p));
    const extra = props.filter((p) => !schemaProps.includes(p));
    compared.push(schemaName);
    if (missing.length || extra.length) {
      mismatches.push(`${name} vs ${schemaName}: missing in typings [${missing}], not in the schema [${extra}]`);
    }
    lines.push(`${name} = ${schemaName}: ${missing.length || extra.length ? 'MISMATCH' : 'same properties'}`);
  }
  return { lines, mismatches, compared };
}

module.exports = { checkTypingsAgainst, SCHEMA_OF_INTERFACE };
