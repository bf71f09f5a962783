using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Escalations;

internal sealed class StaffTeamConfiguration : IEntityTypeConfiguration<StaffTeam>
{
    public void Configure(EntityTypeBuilder<StaffTeam> team)
    {
        team.ToTable("StaffTeams");
        team.Property(t => t.Name).HasMaxLength(StaffTeam.NameMaxLength);
        team.HasIndex(t => t.Name).IsUnique();
        // One default team at most, enforced by the database.
        team.HasIndex(t => t.IsDefault).IsUnique().HasFilter("\"IsDefault\" = 1").HasDatabaseName("IX_StaffTeams_OneDefault");
        team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffTeamMemberConfiguration : IEntityTypeConfiguration<StaffTeamMember>
{
    public void Configure(EntityTypeBuilder<StaffTeamMember> member)
    {
        member.ToTable("StaffTeamMembers");
        member.HasKey(m => new { m.TeamId, m.UserId });
        member.HasOne<CommunityUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class EscalationEntityConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> escalation)
    {
        escalation.ToTable("Escalations");
        escalation.HasOne<Question>().WithMany().HasForeignKey(e => e.QuestionId).OnDelete(DeleteBehavior.Cascade);
        escalation.HasOne(e => e.Team).WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        escalation.Property(e => e.Priority).HasConversion<string>().HasMaxLength(16);
        escalation.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        escalation.Property(e => e.PublicState).HasConversion<string>().HasMaxLength(32);
        escalation.Property(e => e.Reference).HasMaxLength(Escalation.ReferenceMaxLength);
        escalation.Property(e => e.RatingComment).HasMaxLength(Escalation.CommentMaxLength);
        escalation.Property(e => e.OpenedById).HasMaxLength(450);
        escalation.Property(e => e.AssigneeId).HasMaxLength(450);
        escalation.Property(e => e.ResolvedById).HasMaxLength(450);
        // One open escalation per question: a second escalation, a retried sweep or a racing flag finds this one.
        escalation.HasIndex(e => e.QuestionId).IsUnique().HasFilter("\"ResolvedAt\" IS NULL").HasDatabaseName("IX_Escalations_OneOpenPerQuestion");
        // Every escalation of a question, resolved ones too: the question page asks whether staff were ever involved.
        escalation.HasIndex(e => e.QuestionId, "IX_Escalations_QuestionId");
        escalation.HasIndex(e => new { e.TeamId, e.ResolvedAt, e.DueAt });
        escalation.HasIndex(e => e.OpenedAt);
        escalation.HasMany(e => e.Notes).WithOne().HasForeignKey(n => n.EscalationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationNoteConfiguration : IEntityTypeConfiguration<EscalationNote>
{
    public void Configure(EntityTypeBuilder<EscalationNote> note)
    {
        note.ToTable("EscalationNotes");
        note.Property(n => n.Body).HasMaxLength(EscalationNote.BodyMaxLength);
        note.Property(n => n.AuthorId).HasMaxLength(450);
    }
}

internal sealed class PrivateConversationConfiguration : IEntityTypeConfiguration<PrivateConversation>
{
    public void Configure(EntityTypeBuilder<PrivateConversation> conversation)
    {
        conversation.ToTable("PrivateConversations");
        conversation.HasOne<Question>().WithMany().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        conversation.HasOne<CommunityUser>().WithMany().HasForeignKey(c => c.AskerId).OnDelete(DeleteBehavior.Restrict);
        // One private follow-up per question: opening it twice opens the same one.
        conversation.HasIndex(c => c.QuestionId).IsUnique();
        conversation.HasIndex(c => c.AskerId);
        conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrivateMessageConfiguration : IEntityTypeConfiguration<PrivateMessage>
{
    public void Configure(EntityTypeBuilder<PrivateMessage> message)
    {
        message.ToTable("PrivateMessages");
        message.Property(m => m.Body).HasMaxLength(PrivateMessage.BodyMaxLength);
        message.Property(m => m.AuthorId).HasMaxLength(450);
        message.Property(m => m.ClientToken).HasMaxLength(64);
        message.HasIndex(m => new { m.AuthorId, m.ClientToken }).IsUnique().HasFilter("\"ClientToken\" IS NOT NULL");
    }
}

internal sealed class ResponseClockConfiguration : IEntityTypeConfiguration<ResponseClock>
{
    public void Configure(EntityTypeBuilder<ResponseClock> clock)
    {
        clock.ToTable("ResponseClocks");
        clock.HasKey(c => c.QuestionId);
        clock.HasOne<Question>().WithOne().HasForeignKey<ResponseClock>(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        clock.Property(c => c.StopReason).HasMaxLength(32);
    }
}

internal sealed class ExpertInvitationConfiguration : IEntityTypeConfiguration<ExpertInvitation>
{
    public void Configure(EntityTypeBuilder<ExpertInvitation> invitation)
    {
        invitation.ToTable("ExpertInvitations");
        invitation.HasOne<Question>().WithMany().HasForeignKey(i => i.QuestionId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<CommunityUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        // A member is invited to a question once, however often the sweep runs.
        invitation.HasIndex(i => new { i.QuestionId, i.UserId }).IsUnique();
        invitation.HasIndex(i => new { i.UserId, i.InvitedAt });
    }
}

internal sealed class InvitationOptInConfiguration : IEntityTypeConfiguration<InvitationOptIn>
{
    public void Configure(EntityTypeBuilder<InvitationOptIn> optIn)
    {
        optIn.ToTable("InvitationOptIns");
        optIn.HasKey(o => o.UserId);
        optIn.HasOne<CommunityUser>().WithOne().HasForeignKey<InvitationOptIn>(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
