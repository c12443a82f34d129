using System.Globalization;

namespace Middleware.ActivityPub.Signatures;

// RFC 8941 section 4.2.3.1: the bare item types.
internal sealed partial class StructuredFieldParser
{
    private object ReadBareItem() => Peek switch
    {
        '-' or (>= '0' and <= '9') => ReadNumber(),
        '"' => ReadString(),
        ':' => ReadByteSequence(),
        '?' => ReadBoolean(),
        _ when char.IsAsciiLetter(Peek) || Peek == '*' => ReadToken(),
        _ => throw new StructuredFieldException($"Unexpected character at position {_position}"),
    };

    private object ReadNumber()
    {
        var start = _position;
        if (Peek == '-')
        {
            _position++;
        }

        while (char.IsAsciiDigit(Peek) || Peek == '.')
        {
            _position++;
        }

        var text = _input[start.._position];
        var style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (!text.Contains('.') && text.Length <= 16 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.Contains('.') && !text.EndsWith('.') && decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        throw new StructuredFieldException($"Invalid number '{text}'");
    }

    private string ReadString()
    {
        Expect('"');
        var text = new System.Text.StringBuilder();
        while (!AtEnd)
        {
            var c = _input[_position++];
            if (c == '\\')
            {
                if (Peek is not ('"' or '\\'))
                {
                    throw new StructuredFieldException("Invalid escape in string");
                }

                text.Append(_input[_position++]);
            }
            else if (c == '"')
            {
                return text.ToString();
            }
            else if (c is < ' ' or > '~')
            {
                throw new StructuredFieldException("Invalid character in string");
            }
            else
            {
                text.Append(c);
            }
        }

        throw new StructuredFieldException("Unterminated string");
    }

    private SfToken ReadToken()
    {
        var start = _position;
        _position++;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || "!#$%&'*+-.^_`|~:/".Contains(Peek)))
        {
            _position++;
        }

        return new SfToken(_input[start.._position]);
    }

    private byte[] ReadByteSequence()
    {
        Expect(':');
        var end = _input.IndexOf(':', _position);
        if (end < 0)
        {
            throw new StructuredFieldException("Unterminated byte sequence");
        }

        var encoded = _input[_position..end];
        _position = end + 1;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new StructuredFieldException("Invalid base64 in byte sequence");
        }
    }

    private bool ReadBoolean()
    {
        Expect('?');
        var c = Peek;
        _position++;
        return c switch
        {
            '1' => true,
            '0' => false,
            _ => throw new StructuredFieldException("Invalid boolean"),
        };
    }
}
