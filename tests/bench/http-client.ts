import http from 'node:http';

export interface HttpResponse {
  status: number;
  body: unknown;
}

export interface HttpClient {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse>;
  withToken(token: string): HttpClient;
  close(): void;
}

/**
 * A minimal JSON client over real HTTP on loopback with a keep-alive agent, so the benchmark pays
 * for HTTP parsing and serialisation like a real client does, but not for a TCP handshake per call.
 */
export function createHttpClient(port: number, maxSockets: number, token?: string): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  return build(agent, port, token);
}

function build(agent: http.Agent, port: number, token: string | undefined): HttpClient {
  return {
    request(method, path, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      return new Promise<HttpResponse>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
            } catch {
              // keep the raw text: an error page is still worth showing in the failure message
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        if (payload !== undefined) req.write(payload);
        req.end();
      });
    },
    withToken: (next) => build(agent, port, next),
    close: () => agent.destroy(),
  };
}

/** Fails loudly on any status but the expected one: a benchmark of errors measures nothing. */
export async function expectStatus(
  client: HttpClient,
  method: 'GET' | 'POST',
  path: string,
  status: number,
  body?: unknown,
): Promise<unknown> {
  const res = await client.request(method, path, body);
  if (res.status !== status)
    throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}
