import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Kafka client, Avro and Protobuf libraries are plain Node packages: keep them out of the bundler.
  serverExternalPackages: ['@platformatic/kafka', 'avsc', 'protobufjs'],
  poweredByHeader: false,
  // Lets two builds of one checkout coexist (a dev server next to an end-to-end run).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  typedRoutes: false,
};

export default nextConfig;
