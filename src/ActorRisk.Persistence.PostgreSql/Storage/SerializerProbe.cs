namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// At silo start, serializes a string with the configured serializer: Orleans' default (binary) serializer is
/// then refused before any grain runs, rather than at the first write.
/// </summary>
internal static class SerializerProbe
{
    public static void EnsureWritesJson(IGrainStorageSerializer serializer, string storageName)
    {
        BinaryData probe;
        try
        {
            probe = serializer.Serialize("probe");
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
        {
            return; // a serializer limited to the application's state types: its writes are checked one by one
        }

        JsonPayload.Validate(probe, storageName, serializer, typeof(string));
    }
}
