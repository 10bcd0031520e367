#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>The same elements with a new shape; one entry of <paramref name="shape"/> may be -1.</summary>
    public static Tensor reshape(Tensor tensor, Tensor shape, string? name = null) => ReshapeOp.Build(tensor, shape, name);

    /// <inheritdoc cref="reshape(Tensor, Tensor, string?)"/>
    public static Tensor reshape(Tensor tensor, int[] shape, string? name = null) =>
        InScope(name, "Reshape", s => ReshapeOp.Build(tensor, constant(IntVector(shape), name: "shape"), s));

    /// <summary>Permutes the dimensions; without <paramref name="perm"/> the dimensions are reversed.</summary>
    public static Tensor transpose(Tensor a, int[]? perm = null, string name = "transpose", bool conjugate = false)
    {
        // TF parity: python/ops/array_ops.py, transpose: the default perm is (rank − 1) − range(rank).
        using (name_scope(name, "transpose"))
        {
            var scope = get_default_graph().NameStack + "/";
            if (perm is not null) return TransposeOp.Build(a, constant(IntVector(perm), name: "perm"), scope);
            if (a.get_shape().ndims is int r)
            {
                var result = TransposeOp.Build(a, constant(IntVector(Enumerable.Range(0, r).Reverse().ToArray()), name: "perm"), scope);
                if (a.get_shape().Dims is { } dims) result.set_shape(new TensorShape(dims.Reverse().ToArray()));
                return result;
            }
            var rk = RankOp.Build(a, null);
            return TransposeOp.Build(a, rk - 1 - RangeOp.Build(0, rk, 1, null), scope);
        }
    }

    /// <inheritdoc cref="transpose(Tensor, int[], string, bool)"/>
    public static Tensor transpose(Tensor a, Tensor perm, string name = "transpose") =>
        InScope(name, "transpose", s => TransposeOp.Build(a, perm, s));

    /// <summary>Joins tensors along an existing axis.</summary>
    public static Tensor concat(IEnumerable<Tensor> values, int axis, string name = "concat")
    {
        var list = values.ToList();
        if (list.Count == 1)
        {
            // TF parity: array_ops.concat of one value only checks the axis and returns an identity.
            using (name_scope(name))
                return identity(list[0], get_default_graph().NameStack + "/");
        }
        return InScope(name, "concat", s => ConcatV2Op.Build(list, constant(NDArray.Scalar(axis), name: "axis"), s));
    }

    /// <inheritdoc cref="concat(IEnumerable{Tensor}, int, string)"/>
    public static Tensor concat(IEnumerable<Tensor> values, Tensor axis, string name = "concat")
    {
        var list = values.ToList();
        return list.Count == 1 ? identity(list[0], name) : ConcatV2Op.Build(list, axis, name);
    }

    /// <summary>Stacks tensors of one shape along a new axis.</summary>
    public static Tensor stack(IEnumerable<Tensor> values, int axis = 0, string name = "stack")
    {
        var list = values.ToList();
        if (list.Count > 0 && list[0].get_shape().ndims is int r)
        {
            int n = r + 1;
            if (axis < -n || axis >= n) throw new ValueError($"axis = {axis} not in [{-n}, {n})");
        }
        return PackOp.Build(list, axis, name);
    }

    /// <summary>Splits a tensor along <paramref name="axis"/> into <paramref name="num"/> tensors (inferred from the shape when null).</summary>
    public static Tensor[] unstack(Tensor value, int? num = null, int axis = 0, string name = "unstack")
    {
        if (num is null)
        {
            var shape = value.get_shape();
            if (shape.ndims is int r)
            {
                if (axis < -r || axis >= r) throw new ValueError($"axis = {axis} not in [{-r}, {r})");
                num = shape[axis].value;
            }
            if (num is null) throw new ValueError($"Cannot infer num from shape {shape}");
        }
        return UnpackOp.Build(value, num.Value, axis, name);
    }

    /// <summary>Removes dimensions of size 1 (only those listed in <paramref name="axis"/>, when given).</summary>
    public static Tensor squeeze(Tensor input, Axis? axis = null, string? name = null, Axis? squeeze_dims = null)
    {
        axis = Deprecated("axis", axis, "squeeze_dims", squeeze_dims);
        var dims = axis?.Values ?? (axis is null ? [] : throw new TypeError("squeeze needs its axes as ints, not a tensor."));
        return SqueezeOp.Build(input, dims, name);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>.</summary>
    public static Tensor expand_dims(Tensor input, Axis? axis = null, string? name = null, Axis? dim = null)
    {
        axis = Deprecated("axis", axis, "dim", dim) ?? throw new ValueError("Must specify an axis argument to tf.expand_dims()");
        return InScope(name, "ExpandDims", s => ExpandDimsOp.Build(input, axis.ToTensor("dim"), s));
    }

    /// <summary>Repeats the input <paramref name="multiples"/>[i] times along dimension i.</summary>
    public static Tensor tile(Tensor input, Tensor multiples, string? name = null) => TileOp.Build(input, multiples, name);

    /// <inheritdoc cref="tile(Tensor, Tensor, string?)"/>
    public static Tensor tile(Tensor input, int[] multiples, string? name = null) =>
        InScope(name, "Tile", s => TileOp.Build(input, constant(IntVector(multiples), name: "multiples"), s));

    /// <summary>The box of <paramref name="size"/> elements starting at <paramref name="begin"/> (size -1 = to the end).</summary>
    public static Tensor slice(Tensor input_, Tensor begin, Tensor size, string? name = null) => SliceOp.Build(input_, begin, size, name);

    /// <inheritdoc cref="slice(Tensor, Tensor, Tensor, string?)"/>
    public static Tensor slice(Tensor input_, int[] begin, int[] size, string? name = null) =>
        InScope(name, "Slice", s => SliceOp.Build(input_, constant(IntVector(begin), name: "begin"), constant(IntVector(size), name: "size"), s));

    /// <summary>Pads with zeros; <paramref name="paddings"/> holds [before, after] for each dimension. Only mode "CONSTANT" is supported.</summary>
    public static Tensor pad(Tensor tensor, Tensor paddings, string mode = "CONSTANT", string? name = null)
    {
        if (!mode.Equals("CONSTANT", StringComparison.OrdinalIgnoreCase)) throw new ValueError($"Unknown padding mode: {mode}");
        return PadOp.Build(tensor, paddings, name);
    }

    /// <inheritdoc cref="pad(Tensor, Tensor, string, string?)"/>
    public static Tensor pad(Tensor tensor, int[,] paddings, string mode = "CONSTANT", string? name = null) =>
        InScope(name, "Pad", s =>
        {
            if (!mode.Equals("CONSTANT", StringComparison.OrdinalIgnoreCase)) throw new ValueError($"Unknown padding mode: {mode}");
            return PadOp.Build(tensor, constant(NDArray.FromArray(paddings), name: "paddings"), s);
        });

    /// <summary>Slices of <paramref name="params"/> along <paramref name="axis"/> (0 when null) at <paramref name="indices"/>.</summary>
    /// <remarks>The gradient with respect to <paramref name="params"/> is a dense tensor (TensorFlow gives IndexedSlices; SharpFlow has no sparse gradients).</remarks>
    public static Tensor gather(Tensor @params, Tensor indices, string? name = null, Axis? axis = null) =>
        InScope(name, "GatherV2", s => GatherV2Op.Build(@params, indices, (axis ?? 0).ToTensor("axis"), s));

    /// <summary>One-hot vectors: <paramref name="on_value"/> (1) at each index, <paramref name="off_value"/> (0) elsewhere, float32 unless told otherwise.</summary>
    public static Tensor one_hot(Tensor indices, Tensor depth, Tensor? on_value = null, Tensor? off_value = null, int? axis = null,
        DType? dtype = null, string? name = null)
    {
        // TF parity: python/ops/array_ops.py, one_hot's dtype rules.
        using (name_scope(name, "one_hot"))
        {
            var scope = get_default_graph().NameStack + "/";
            if (dtype is not null)
            {
                on_value = AdoptLiteral(on_value, dtype);
                off_value = AdoptLiteral(off_value, dtype);
                if (on_value is not null && on_value.dtype != dtype) throw new TypeError($"dtype {on_value.dtype.Repr} of on_value does not match dtype parameter {dtype.Repr}");
                if (off_value is not null && off_value.dtype != dtype) throw new TypeError($"dtype {off_value.dtype.Repr} of off_value does not match dtype parameter {dtype.Repr}");
            }
            dtype ??= on_value?.dtype ?? off_value?.dtype ?? float32;
            on_value ??= constant(ScalarAs(1, dtype), name: "on_value");
            off_value ??= constant(ScalarAs(0, dtype), name: "off_value");
            if (on_value.dtype != off_value.dtype && on_value.LiteralValue is null && off_value.LiteralValue is null)
                throw new TypeError($"dtype {on_value.dtype.Repr} of on_value does not match dtype {off_value.dtype.Repr} of off_value");
            return OneHotOp.Build(indices, depth, on_value, off_value, axis ?? -1, scope);
        }
    }

    /// <summary>The shape of <paramref name="input"/>: a constant when it is known while building, else a Shape op.</summary>
    public static Tensor shape(Tensor input, string? name = null, DType? out_type = null)
    {
        var t = out_type ?? int32;
        var s = input.get_shape();
        if (s.is_fully_defined()) return constant(IntVector(s.Dims!).astype(t), name: name ?? "Shape");
        return ShapeOp.Build(input, t, name);
    }

    /// <summary>The number of elements of <paramref name="input"/>.</summary>
    public static Tensor size(Tensor input, string? name = null, DType? out_type = null)
    {
        var t = out_type ?? int32;
        if (input.get_shape().num_elements() is int n) return constant(NDArray.Scalar(n).astype(t), name: name ?? "Size");
        return SizeOp.Build(input, t, name);
    }

    /// <summary>The number of dimensions of <paramref name="input"/> (int32).</summary>
    public static Tensor rank(Tensor input, string? name = null)
    {
        if (input.get_shape().ndims is int r) return constant(NDArray.Scalar(r), name: name ?? "Rank");
        return RankOp.Build(input, name);
    }

    /// <summary>start, start + delta, … below limit; <c>range(n)</c> counts from 0. The dtype is inferred (int32 &lt; int64 &lt; float32 &lt; float64) unless given.</summary>
    public static Tensor range(Tensor start, Tensor? limit = null, Tensor? delta = null, DType? dtype = null, string name = "range")
    {
        if (limit is null) { limit = start; start = 0; }
        delta ??= 1;
        using (name_scope(name, "Range"))
        {
            var scope = get_default_graph().NameStack + "/";
            // TF parity: python/ops/math_ops.py, range: the widest of the arguments' dtypes wins.
            DType[] order = [int32, int64, float32, float64];
            var inferred = dtype ?? new[] { start, limit, delta }.Where(t => t.LiteralValue is null || t.dtype != int32)
                .Select(t => t.dtype).DefaultIfEmpty(int32).MaxBy(d => Array.IndexOf(order, d))!;
            Tensor Prepare(Tensor t) => t.LiteralValue is double v ? constant_literal(v, inferred) : cast(t, inferred);
            return RangeOp.Build(Prepare(start), Prepare(limit), Prepare(delta), scope);
        }
    }

    /// <summary><paramref name="num"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive.</summary>
    public static Tensor linspace(Tensor start, Tensor stop, Tensor num, string? name = null) => LinSpaceOp.Build(start, stop, num, name);

    /// <summary>A tensor of shape <paramref name="dims"/> filled with the scalar <paramref name="value"/>.</summary>
    public static Tensor fill(Tensor dims, Tensor value, string? name = null) => FillOp.Build(dims, value, name);

    static NDArray IntVector(int[] values) => NDArray.FromFlat((int[])values.Clone(), values.Length);

    static NDArray ScalarAs(double v, DType dtype) => NDArray.Scalar(v).astype(dtype);

    static Tensor? AdoptLiteral(Tensor? t, DType dtype) => t?.LiteralValue is double v && t.dtype != dtype ? constant_literal(v, dtype) : t;
}
