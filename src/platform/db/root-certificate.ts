/**
 * libpq reads the authority to check a server's certificate against from PGSSLROOTCERT when
 * the URL names none; node-postgres does not. With sslmode=verify-full (or verify-ca) and no
 * sslrootcert in the URL, the variable's file is added to the URL, so the same DATABASE_URL
 * and environment mean the same thing to psql, pgBackRest and the server.
 */
export function withRootCertificate(url: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.PGSSLROOTCERT;
  const query = url.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  const mode = params.get('sslmode');
  if (!root || params.has('sslrootcert') || (mode !== 'verify-full' && mode !== 'verify-ca')) return url;
  return `${url}&sslrootcert=${encodeURIComponent(root)}`;
}
