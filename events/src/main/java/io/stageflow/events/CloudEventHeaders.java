package io.stageflow.events;

/**
 * CloudEvents 1.0 binary mode over Kafka: each attribute is a {@code ce_}-prefixed record header, the
 * body is the JSON data. {@code tenantid} and {@code sequence} are Stageflow's extensions.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_CONTENT_TYPE = "content-type";
    public static final String TENANT_ID = "ce_tenantid";
    /** The aggregate's version after this event: 1, 2, 3 … per aggregate, without gaps. */
    public static final String SEQUENCE = "ce_sequence";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
