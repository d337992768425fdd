const { openApiDocumentOffline } = require('../dist/common/http/openapi-document');
openApiDocumentOffline().then((doc) => {
  for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) {
    const ok = Object.entries(op.responses || {}).find(([c]) => c.startsWith('2'));
    const c = ok && ok[1].content && Object.values(ok[1].content)[0].schema;
    if (c) console.log(`${m.toUpperCase()} ${path} -> ${JSON.stringify(c).replace(/#\/components\/schemas\//g,'')}`);
  }
});
