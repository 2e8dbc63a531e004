import protobuf from 'protobufjs';

/**
 * OTLP/HTTP protobuf for metrics: the messages of opentelemetry-proto (metrics/v1, common/v1,
 * resource/v1, collector/metrics/v1) and google.rpc.Status, written out from the public spec (field
 * names and numbers) — only what a receiver of gauges and sums reads; protobuf skips unknown fields,
 * so histograms and exemplars still decode (their points are counted and rejected by name).
 *
 * A request decodes to the object the OTLP JSON mapping writes (camelCase names, int64 and fixed64 as
 * decimal strings, bytes as base64, only the fields present), so both encodings take one path.
 */
const PROTO = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }

message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
  uint32 flags = 8;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
/** Only counted: their points are rejected as unsupported, so their fields beyond the count are not read. */
message Opaque {}
message OpaquePoints { repeated Opaque data_points = 1; }
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; OpaquePoints histogram = 9; OpaquePoints exponential_histogram = 10; OpaquePoints summary = 11; }
}
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }
message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }

message Any { string type_url = 1; bytes value = 2; }
message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
`;

const root = protobuf.parse(PROTO).root;
const Request = root.lookupType('otlp.ExportMetricsServiceRequest');
const Response = root.lookupType('otlp.ExportMetricsServiceResponse');
const Status = root.lookupType('otlp.Status');

/** The request as the JSON mapping writes it; throws on bytes that are not that message. */
export function decodeMetricsRequest(bytes: Uint8Array): unknown {
  const message = Request.decode(bytes);
  return Request.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false, oneofs: false });
}

/** An ExportMetricsServiceResponse (`{}` or `{ partialSuccess }`, as the JSON path answers). */
export function encodeMetricsResponse(body: { partialSuccess?: { rejectedDataPoints: string; errorMessage: string } }): Uint8Array {
  return Response.encode(Response.fromObject(body)).finish();
}

/** google.rpc.Status: how OTLP/HTTP answers an error. `code` is the gRPC code (3 invalid argument, 8 resource exhausted, …). */
export function encodeStatus(code: number, message: string): Uint8Array {
  return Status.encode(Status.fromObject({ code, message })).finish();
}

/** Reads a google.rpc.Status (for clients and tests). */
export function decodeStatus(bytes: Uint8Array): { code?: number; message?: string } {
  return Status.toObject(Status.decode(bytes), { defaults: false });
}

/** Encodes an ExportMetricsServiceRequest given as the JSON mapping writes it (for tests and tools). */
export function encodeMetricsRequest(request: object): Uint8Array {
  return Request.encode(Request.fromObject(request)).finish();
}

/** Reads an ExportMetricsServiceResponse (for clients and tests). */
export function decodeMetricsResponse(bytes: Uint8Array): unknown {
  return Response.toObject(Response.decode(bytes), { longs: String, defaults: false });
}
