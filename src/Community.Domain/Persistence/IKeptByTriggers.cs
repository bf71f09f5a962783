namespace Community.Domain.Persistence;

/// <summary>
/// An entity whose rows triggers derive from other tables (counters such as <see cref="Badges.MemberTagScore"/>). A copy
/// of the database (<see cref="DatabaseCopy"/>) leaves its table out: the target's triggers rebuild it as the rows it
/// is derived from are copied, and copying it as well would insert every row twice.
/// </summary>
public interface IKeptByTriggers;
