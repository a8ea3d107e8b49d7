/**
 * The ceiling for `npm run bench`: a bare Node http server answering every request with the same
 * bytes (read from a file) Lantern answered. No framework, no database: what this machine can do.
 */
import fs from 'node:fs';
import http from 'node:http';

const [file, port, contentType] = process.argv.slice(2);
const body = fs.readFileSync(file!);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType ?? 'application/json', 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));
