namespace ActorRisk.Testing;

/// <summary>Test card numbers with valid (or deliberately invalid) Luhn check digits.</summary>
public static class Pans
{
    /// <summary>A 16-digit Visa-like PAN with a valid check digit, unique enough for one test.</summary>
    public static string NewValid()
    {
        var body = "4" + string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + Random.Shared.Next(10))));
        return body + CheckDigit(body);
    }

    /// <summary>A valid 16-digit PAN ending in <paramref name="last4"/> (the check digit is its last digit).</summary>
    public static string EndingIn(string last4)
    {
        while (true)
        {
            var body = "4" + string.Concat(Enumerable.Range(0, 11).Select(_ => (char)('0' + Random.Shared.Next(10)))) + last4[..3];
            if (CheckDigit(body) == last4[3])
            {
                return body + last4[3];
            }
        }
    }

    /// <summary>The same PAN with a wrong check digit.</summary>
    public static string WithBadCheckDigit(string pan) => pan[..^1] + (char)('0' + ((pan[^1] - '0' + 1) % 10));

    private static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            // Doubling starts at the digit left of the check digit.
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
