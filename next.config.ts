import type { NextConfig } from 'next';
import { contentSecurityPolicy, SECURITY_HEADERS } from './lib/auth/request-guards';

const nextConfig: NextConfig = {
  // The Kafka client, Avro and Protobuf libraries are plain Node packages: keep them out of the bundler.
  serverExternalPackages: ['@platformatic/kafka', 'avsc', 'protobufjs'],
  poweredByHeader: false,
  // Lets two builds of one checkout coexist (a dev server next to an end-to-end run).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  typedRoutes: false,
  // Every answer, page or API: no framing (clickjacking of the confirm dialogs), no sniffing, a CSP.
  async headers() {
    const development = process.env.NODE_ENV === 'development';
    const headers = [
      { key: 'content-security-policy', value: contentSecurityPolicy(development) },
      ...Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
    ];
    return [{ source: '/:path*', headers }];
  },
};

export default nextConfig;
