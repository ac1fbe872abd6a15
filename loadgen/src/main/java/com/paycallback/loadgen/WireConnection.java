package com.paycallback.loadgen;

import com.paycallback.loadgen.NoticeSigner.SignedNotice;
import com.paycallback.loadgen.ServiceClient.Answer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One sender's keep-alive HTTP/1.1 connection: it writes whole requests (a forger's built once
 * before the flood) and reads only the answer's status, skipping its body. A run measures how fast
 * the service answers; a full HTTP client's per-request work (and re-encoding each request) would
 * spend the same two cores the service runs on, and measure the generator instead.
 */
final class WireConnection implements AutoCloseable {

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean reused;

  WireConnection(String url) {
    URI uri = URI.create(url);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
  }

  /** The whole request of a notice, as it goes on the wire. */
  static byte[] request(String url, SignedNotice notice, String forwardedFor) {
    URI uri = URI.create(url);
    StringBuilder head =
        new StringBuilder("POST ")
            .append(notice.path())
            .append(" HTTP/1.1\r\nHost: ")
            .append(uri.getAuthority())
            .append("\r\nContent-Type: ")
            .append(notice.contentType())
            .append("\r\nContent-Length: ")
            .append(notice.body().length)
            .append("\r\n");
    notice
        .headers()
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (forwardedFor != null) {
      head.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes(notice.body());
    return request.toByteArray();
  }

  /**
   * Sends one request and never throws: no answer is an answer too. A connection the service closed
   * while it was idle is opened anew and the request sent once more.
   */
  Answer send(byte[] request) {
    long sent = System.nanoTime();
    try {
      try {
        return new Answer(exchange(request), System.nanoTime() - sent, null);
      } catch (EOFException closedWhileIdle) {
        if (!reused) {
          throw closedWhileIdle;
        }
        close();
        return new Answer(exchange(request), System.nanoTime() - sent, null);
      }
    } catch (IOException e) {
      close();
      return new Answer(-1, System.nanoTime() - sent, e.getClass().getSimpleName());
    }
  }

  private int exchange(byte[] request) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) ServiceClient.NOTICE_TIMEOUT.toMillis());
      socket.connect(new InetSocketAddress(host, port), 5000);
      in = new BufferedInputStream(socket.getInputStream(), 8192);
      out = socket.getOutputStream();
      reused = false;
    }
    out.write(request);
    out.flush();
    int status = readAnswer();
    reused = true;
    return status;
  }

  /** Reads the status line and headers, skips the body, and closes when the service says so. */
  private int readAnswer() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new EOFException("connection closed before an answer");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    boolean close = false;
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long chunk = chunkSize(); chunk > 0; chunk = chunkSize()) {
        skip(chunk + 2);
      }
      String trailer; // trailers, if any, end with an empty line
      do {
        trailer = line();
      } while (trailer != null && !trailer.isEmpty());
    } else {
      skip(length);
    }
    if (close) {
      close();
    }
    return status;
  }

  private long chunkSize() throws IOException {
    String size = line();
    if (size == null) {
      throw new EOFException("connection closed inside a chunked answer");
    }
    int extension = size.indexOf(';');
    return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() == -1) {
          throw new EOFException("connection closed inside an answer");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is all that was left to do with it
      }
      socket = null;
    }
  }
}
