# The ActorRisk silo (grains, HTTP API and portal in one process) as a container image; azure.yaml builds it for Azure
# Container Apps. Build from the repository root: docker build -t actorrisk-silo .
#
# Ports: 8080 HTTP (API, portal, /health/live, /health/ready); 11111 Orleans silo-to-silo (ActorRisk:Orleans:SiloPort);
# 30000 Orleans gateway for API tiers (ActorRisk:Orleans:GatewayPort).
# Read-only root file system: the silo is meant to write nothing outside /tmp (the .NET diagnostics socket), so
# `docker run --read-only --tmpfs /tmp` should work (not tried: no Docker engine here); durable modes keep state in their stores.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ActorRisk.Silo/ActorRisk.Silo.csproj -c Release -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Files stay root's and read-only to the process: the silo never rewrites its own binaries or settings.
COPY --from=build /app/publish .
# The silo listens on 127.0.0.1 unless told otherwise (a developer's machine); in a container it must answer the
# platform's ingress and probes. HTTP_PORTS is emptied so ASP.NET Core does not warn that URLS overrides it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    TMPDIR=/tmp
EXPOSE 8080 11111 30000
# The image's unprivileged user (uid 1654), never root.
USER $APP_UID
# The runtime image has no curl: bash's /dev/tcp asks /health/live. Container Apps uses its own probes (infra/).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ActorRisk.Silo.dll"]
