# Sourced by the scripts that start durable silos in Production, which refuse to start without a certificate for the
# portal's stored keys. data_protection_cert DIR makes a self-signed RSA certificate in DIR/data-protection.pfx
# (readable by this user only) with a fresh password, and exports ActorRisk__DataProtection__Certificate__Path and
# __Password for the silos this script starts. The private key never exists outside the .pfx file.
data_protection_cert() { # directory
  local dir="$1"
  ActorRisk__DataProtection__Certificate__Password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  ActorRisk__DataProtection__Certificate__Path="$dir/data-protection.pfx"
  export ActorRisk__DataProtection__Certificate__Password ActorRisk__DataProtection__Certificate__Path
  ( umask 077
    openssl req -x509 -newkey rsa:2048 -noenc -keyout - -days 30 -subj "/CN=ActorRisk local data protection" 2>/dev/null |
      openssl pkcs12 -export -out "$ActorRisk__DataProtection__Certificate__Path" \
        -passout env:ActorRisk__DataProtection__Certificate__Password )
}
