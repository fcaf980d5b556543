import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Kafka client and Avro library are plain Node packages: keep them out of the bundler.
  serverExternalPackages: ['@platformatic/kafka', 'avsc'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
