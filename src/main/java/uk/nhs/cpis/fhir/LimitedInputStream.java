package uk.nhs.cpis.fhir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading a body past a limit, so a huge body is refused with 413 before it fills memory. */
public class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + limit + " bytes.");
        }
    }
}
