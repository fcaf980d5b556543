// Tiny Java helper for the client evaluation, compiled against kafka-clients:
//   javac -cp 'KAFKA_JARS/*' -d /tmp/clienteval/java EvalHelper.java
//   java -cp "/tmp/clienteval/java:KAFKA_JARS/*" EvalHelper <cmd> <bootstrap> ...
// Commands:
//   tx <bootstrap> <topic>            five transactions from one producer on partition 0: c-0..4 committed, a-0..4 aborted, c-5..9 committed, b-0..4 aborted, c-10..14 committed
//   kip848 <bootstrap> <topic> <group> run a consumer with group.protocol=consumer until killed
//   scram <bootstrap> <mechanism> <user> <password>  create/update a SCRAM user
//   murmur <partitions> <key>...     print the partition the Java default partitioner picks for each key
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.*;
import org.apache.kafka.common.utils.Utils;

public class EvalHelper {
  public static void main(String[] a) throws Exception {
    switch (a[0]) {
      case "tx" -> tx(a[1], a[2]);
      case "kip848" -> kip848(a[1], a[2], a[3]);
      case "scram" -> { // scram <bootstrap> <SCRAM-SHA-256|SCRAM-SHA-512> <user> <password>
        try (org.apache.kafka.clients.admin.Admin ad = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", a[1]))) {
          var mech = org.apache.kafka.clients.admin.ScramMechanism.fromMechanismName(a[2]);
          ad.alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(a[3],
            new org.apache.kafka.clients.admin.ScramCredentialInfo(mech, 8192), a[4]))).all().get();
          System.out.println("scram user " + a[3] + " " + mech + " upserted; users now: " + ad.describeUserScramCredentials().all().get().keySet());
        }
      }
      case "murmur" -> {
        int n = Integer.parseInt(a[1]);
        for (int i = 2; i < a.length; i++)
          System.out.println(a[i] + " " + Utils.toPositive(Utils.murmur2(a[i].getBytes("UTF-8"))) % n);
      }
      default -> throw new IllegalArgumentException(a[0]);
    }
  }

  static void tx(String bs, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bs);
    p.put("transactional.id", "eval-tx-" + System.nanoTime());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> pr = new KafkaProducer<>(p)) {
      pr.initTransactions();
      pr.beginTransaction();
      for (int i = 0; i < 5; i++) pr.send(new ProducerRecord<>(topic, 0, "k", "c-" + i));
      pr.commitTransaction();
      pr.beginTransaction();
      for (int i = 0; i < 5; i++) pr.send(new ProducerRecord<>(topic, 0, "k", "a-" + i));
      pr.flush();
      pr.abortTransaction();
      pr.beginTransaction();
      for (int i = 5; i < 10; i++) pr.send(new ProducerRecord<>(topic, 0, "k", "c-" + i));
      pr.commitTransaction();
      pr.beginTransaction();
      for (int i = 0; i < 5; i++) pr.send(new ProducerRecord<>(topic, 0, "k", "b-" + i));
      pr.flush();
      pr.abortTransaction();
      pr.beginTransaction();
      for (int i = 10; i < 15; i++) pr.send(new ProducerRecord<>(topic, 0, "k", "c-" + i));
      pr.commitTransaction();
    }
    System.out.println("tx done");
  }

  static void kip848(String bs, String topic, String group) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bs);
    p.put("group.id", group);
    p.put("group.protocol", "consumer");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long n = 0;
      while (true) {
        n += c.poll(Duration.ofMillis(500)).count();
        if (!c.assignment().isEmpty()) { System.out.println("assigned " + c.assignment() + " read " + n); System.out.flush(); }
        c.commitSync();
      }
    }
  }
}
