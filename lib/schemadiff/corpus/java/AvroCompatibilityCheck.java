import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Answers, for every case of the corpus, what Apache Avro's own SchemaCompatibility says:
 * backward = "after" reads data written with "before", forward = the other way round.
 * Prints one JSON array on stdout.
 */
public class AvroCompatibilityCheck {
  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode corpus = mapper.readTree(new File(args[0]));
    ArrayNode out = mapper.createArrayNode();
    for (JsonNode c : corpus.get("cases")) {
      // Separate parsers: both versions define the same names.
      Schema before = new Schema.Parser().parse(mapper.writeValueAsString(c.get("before")));
      Schema after = new Schema.Parser().parse(mapper.writeValueAsString(c.get("after")));
      ObjectNode row = out.addObject();
      row.put("name", c.get("name").asText());
      row.set("backward", verdict(mapper, SchemaCompatibility.checkReaderWriterCompatibility(after, before)));
      row.set("forward", verdict(mapper, SchemaCompatibility.checkReaderWriterCompatibility(before, after)));
    }
    System.out.println(mapper.writeValueAsString(out));
  }

  private static ObjectNode verdict(ObjectMapper mapper, SchemaPairCompatibility pair) {
    ObjectNode v = mapper.createObjectNode();
    v.put("compatible", pair.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    ArrayNode problems = v.putArray("problems");
    for (Incompatibility i : pair.getResult().getIncompatibilities()) {
      problems.addObject().put("rule", i.getType().name()).put("location", i.getLocation()).put("message", i.getMessage());
    }
    return v;
  }
}
