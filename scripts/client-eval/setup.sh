#!/usr/bin/env bash
# Client evaluation setup: installs the candidate clients and the Kafka tools jars outside the repo,
# compiles the Java helper, and starts/stops two single-node KRaft brokers of our own:
#   Kafka 4.3.1  PLAINTEXT 127.0.0.1:19092 (controller 19093), SASL_PLAINTEXT 19094, SSL 19095
#   Kafka 3.9.2  PLAINTEXT 127.0.0.1:29092 (controller 29093), KIP-848 enabled
# Usage: scripts/client-eval/setup.sh install | start | stop
# Needs: node 20, java 17 + javac, mvn, kcat (apt-get install kcat); for the librdkafka client also
#        apt-get install build-essential libssl-dev libsasl2-dev libzstd-dev liblz4-dev libcurl4-openssl-dev zlib1g-dev
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
POM="$HERE/../stack/maven/kafka.pom.xml"
W="${CLIENTS_DIR:-/tmp/clienteval}"
mkdir -p "$W"

jars () { # $1 version, $2 dir, $3 artifactId
  [ -f "$2/kafka-clients-$1.jar" ] && return
  sed "s#<artifactId>kafka_2.13</artifactId>#<artifactId>$3</artifactId>#" "$POM" > "$W/pom-$3.xml"
  mvn -q -f "$W/pom-$3.xml" -Dkafka.version="$1" dependency:copy-dependencies -DoutputDirectory="$2" -DincludeScope=runtime
}

case "${1:-}" in
install)
  jars 4.3.1 "$W/k43" kafka_2.13; jars 3.9.2 "$W/k39" kafka_2.13; jars 4.3.1 "$W/t43" kafka-tools
  for d in plat kjs cfl; do mkdir -p "$W/$d"; [ -f "$W/$d/package.json" ] || (cd "$W/$d" && npm init -y >/dev/null); done
  (cd "$W/plat" && npm install @platformatic/kafka@1.35.0 fzstd@0.1.1)
  (cd "$W/kjs" && npm install kafkajs@2.2.4 kafkajs-snappy@1.1.0 lz4js@0.2.0 fzstd@0.1.1)
  # the default install downloads a prebuilt binary from GitHub (unreachable here) and then tries to build
  # librdkafka with its own dependency downloads; dynamic linking against Debian's -dev packages works:
  (cd "$W/cfl" && time CKJS_LINKING=dynamic npm install @confluentinc/kafka-javascript@1.10.1 --foreground-scripts) || echo "librdkafka client did not build"
  mkdir -p "$W/java" && javac -cp "$W/k43/*" -d "$W/java" "$HERE/EvalHelper.java"
  ;;
start)
  mkdir -p "$W/tls"
  if [ ! -f "$W/tls/broker.p12" ]; then
    keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 30 -dname CN=localhost -ext SAN=ip:127.0.0.1,dns:localhost \
      -keystore "$W/tls/broker.p12" -storetype PKCS12 -storepass changeit -keypass changeit
    keytool -exportcert -alias broker -keystore "$W/tls/broker.p12" -storepass changeit -rfc -file "$W/tls/ca.pem"
  fi
  common="process.roles=broker,controller
node.id=1
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false"
  mkdir -p "$W/b43" "$W/b39"
  cat > "$W/b43/server.properties" <<P
$common
controller.quorum.bootstrap.servers=127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,SASL_PLAINTEXT://127.0.0.1:19094,SSL://127.0.0.1:19095
advertised.listeners=PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094,SSL://127.0.0.1:19095
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$W/tls/broker.p12
ssl.keystore.password=changeit
ssl.key.password=changeit
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
log.dirs=$W/b43/data
P
  # 3.9: KIP-848 needs only this line (group.version is not a settable feature in 3.9's StorageTool)
  cat > "$W/b39/server.properties" <<P
$common
controller.quorum.bootstrap.servers=127.0.0.1:29093
listeners=PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093
advertised.listeners=PLAINTEXT://127.0.0.1:29092
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
group.coordinator.rebalance.protocols=classic,consumer
log.dirs=$W/b39/data
P
  for b in 43 39; do
    jdir="$W/k$b"
    if [ ! -f "$W/b$b/data/meta.properties" ]; then
      java -cp "$jdir/*" kafka.tools.StorageTool format -c "$W/b$b/server.properties" --standalone \
        --cluster-id "$(java -cp "$jdir/*" kafka.tools.StorageTool random-uuid 2>/dev/null)" 2>&1 | grep -v SLF4J
    fi
    nohup java -Xmx512m -cp "$jdir/*" kafka.Kafka "$W/b$b/server.properties" > "$W/b$b/server.log" 2>&1 &
    echo $! > "$W/b$b/pid"
  done
  sleep 10
  # SCRAM users (PLAIN user alice is in the JAAS line above)
  java -cp "$W/java:$W/t43/*" EvalHelper scram 127.0.0.1:19092 SCRAM-SHA-256 bob bob-secret 2>/dev/null
  java -cp "$W/java:$W/t43/*" EvalHelper scram 127.0.0.1:19092 SCRAM-SHA-512 carol carol-secret 2>/dev/null
  ;;
stop)
  for b in 43 39; do [ -f "$W/b$b/pid" ] && kill "$(cat "$W/b$b/pid")" 2>/dev/null || true; done
  ;;
*) echo "usage: $0 install|start|stop"; exit 2 ;;
esac
