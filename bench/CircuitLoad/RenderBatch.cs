using System.Buffers.Binary;
using System.Text;

/// <summary>
/// Reads what the client needs from a Blazor Server render batch (the binary format blazor.web.js
/// decodes): the reference frames (elements, attributes, text) and their strings. Five offsets at
/// the end locate the batch's sections; the last is the string table.
/// </summary>
sealed class RenderBatch(byte[] data)
{
    private const int FrameLength = 20, EditLength = 16;
    private const int Element = 1, Text = 2, Attribute = 3, Markup = 8;
    public const int PrependFrame = 1, SetAttribute = 3;

    private int Int32(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
    private int FramesStart => Int32(data.Length - 16);
    private int FrameCount => Int32(FramesStart);
    private int Frame(int index) => FramesStart + 4 + index * FrameLength;
    private int Type(int frame) => Int32(frame);

    private string? String(int at)
    {
        var index = Int32(at);
        if (index == -1)
            return null;
        var entry = Int32(Int32(data.Length - 4) + index * 4);
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = data[entry++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(data, entry, length);
    }

    /// <summary>Every text, markup and attribute value the batch adds to the page.</summary>
    public IEnumerable<string> Strings()
    {
        for (var i = 0; i < FrameCount; i++)
        {
            var frame = Frame(i);
            var text = Type(frame) switch
            {
                Text or Markup => String(frame + 4),
                Attribute => String(frame + 8),
                _ => null,
            };
            if (text is not null)
                yield return text;
        }
    }

    public bool HasAttribute(string name, string value)
    {
        for (var i = 0; i < FrameCount; i++)
        {
            var frame = Frame(i);
            if (Type(frame) == Attribute && String(frame + 4) == name && String(frame + 8) == value)
                return true;
        }
        return false;
    }

    /// <summary>Each edit of each component the batch updates: its type and the reference frame it brings.</summary>
    public IEnumerable<(int Component, int Type, int Frame)> Edits()
    {
        var diffs = Int32(data.Length - 20);
        for (var d = 0; d < Int32(diffs); d++)
        {
            var diff = Int32(diffs + 4 + d * 4);
            var component = Int32(diff);
            for (var e = 0; e < Int32(diff + 4); e++)
            {
                var edit = diff + 8 + e * EditLength;
                yield return (component, Int32(edit), Int32(edit + 8));
            }
        }
    }

    public string? AttributeName(int index) => Type(Frame(index)) == Attribute ? String(Frame(index) + 4) : null;

    public ulong AttributeHandler(int index) => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(Frame(index) + 12));

    /// <summary>
    /// The handler id of an event on an element in the subtree starting at the frame, when that
    /// element has the given attribute value.
    /// </summary>
    public ulong? EventHandler(int start, string attribute, string value, string eventName)
    {
        var end = Type(Frame(start)) == Element ? start + Int32(Frame(start) + 4) : start + 1;
        for (var i = start; i < end && i < FrameCount; i++)
        {
            if (Type(Frame(i)) != Element)
                continue;
            var found = false;
            ulong? handler = null;
            for (var j = i + 1; j < FrameCount && Type(Frame(j)) == Attribute; j++)
            {
                var frame = Frame(j);
                var name = String(frame + 4);
                if (name == attribute && String(frame + 8) == value)
                    found = true;
                else if (name == eventName)
                    handler = AttributeHandler(j);
            }
            if (found && handler is not null)
                return handler;
        }
        return null;
    }
}
