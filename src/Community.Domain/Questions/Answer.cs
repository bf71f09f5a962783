namespace Community.Domain.Questions;

public sealed class Answer : Post
{
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
}
