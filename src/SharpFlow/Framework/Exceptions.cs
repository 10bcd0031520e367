namespace SharpFlow;

/// <summary>A graph-construction mistake with a bad value (Python's <c>ValueError</c>).</summary>
public class ValueError(string message) : Exception(message);

/// <summary>A graph-construction mistake with a bad type (Python's <c>TypeError</c>).</summary>
public class TypeError(string message) : Exception(message);

/// <summary>Using an object in a state that forbids it, e.g. a closed session (Python's <c>RuntimeError</c>).</summary>
public class RuntimeError(string message) : Exception(message);

/// <summary>A missing registration, e.g. no gradient for an op type (Python's <c>LookupError</c>).</summary>
public class LookupError(string message) : Exception(message);

/// <summary>A failure while running a graph.</summary>
/// <remarks>Mirrors <c>tf.errors.OpError</c>: carries the failing operation, if known.</remarks>
public class OpError(string message, Operation? op) : Exception(message)
{
    /// <summary>The operation that failed, if known.</summary>
    public Operation? op { get; } = op;

    /// <summary>The message without the op context (TensorFlow's <c>message</c>).</summary>
    public string message => Message;
}

/// <summary>An argument had a bad value at run time.</summary>
public class InvalidArgumentError(string message, Operation? op = null) : OpError(message, op);

/// <summary>The system is not in a state to run the operation (e.g. an uninitialised variable).</summary>
public class FailedPreconditionError(string message, Operation? op = null) : OpError(message, op);

/// <summary>A requested entity was not found.</summary>
public class NotFoundError(string message, Operation? op = null) : OpError(message, op);

/// <summary>An iteration or index went past its valid range.</summary>
public class OutOfRangeError(string message, Operation? op = null) : OpError(message, op);

/// <summary>The operation is not implemented for these inputs.</summary>
public class UnimplementedError(string message, Operation? op = null) : OpError(message, op);

/// <summary>An internal invariant was broken.</summary>
public class InternalError(string message, Operation? op = null) : OpError(message, op);

/// <summary>A resource such as memory ran out.</summary>
public class ResourceExhaustedError(string message, Operation? op = null) : OpError(message, op);
