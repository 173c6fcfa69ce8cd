using System.Net.Sockets;
using System.Text;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// One HTTP/1.1 request written to the socket in a single send, then the answer read to the end. For oversized
/// bodies: the server answers 413 and closes without reading the rest, and a client still writing at that moment
/// (HttpClient sends headers and body separately) may get a connection reset instead of the answer.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> PostAsync(Uri server, string path, string apiKey, string json, bool chunked)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new MemoryStream();
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("X-Api-Key: ").Append(apiKey).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Connection: close\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n")
            .Append("\r\n");
        request.Write(Encoding.ASCII.GetBytes(head.ToString()));
        if (chunked)
        {
            request.Write(Encoding.ASCII.GetBytes($"{body.Length:X}\r\n"));
            request.Write(body);
            request.Write("\r\n0\r\n\r\n"u8);
        }
        else
        {
            request.Write(body);
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var statusLine = response[..response.IndexOf("\r\n", StringComparison.Ordinal)];
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), response[..split], response[(split + 4)..]);
    }
}
