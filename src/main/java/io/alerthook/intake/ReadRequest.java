package io.alerthook.intake;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** A request whose body a door filter has read already (and knows to be UTF-8), for Camel's binding to read again. */
public final class ReadRequest extends HttpServletRequestWrapper {

    private final String body;
    private final String contentType;

    public ReadRequest(HttpServletRequest request, String body) {
        this(request, body, request.getContentType());
    }

    /** The request with what the filter made of its body, of another media type. */
    public ReadRequest(HttpServletRequest request, String body, String contentType) {
        super(request);
        this.body = body;
        this.contentType = contentType;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getHeader(String name) {
        return "Content-Type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
    }

    /** Camel's binding reads the text ({@link #getReader}); the bytes are made again only if something asks. */
    private byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getContentLength() {
        return bytes().length;
    }

    @Override
    public long getContentLengthLong() {
        return bytes().length;
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    /**
     * The text is in memory already, so the reader's buffer is no larger than it: the default (8,192 characters, 16 KB)
     * was about 5% of what alerthook allocated under a 1-alert load.
     */
    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new StringReader(body), Math.max(1, Math.min(body.length(), 8192)));
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes());
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already read");
            }
        };
    }
}
